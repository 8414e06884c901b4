// A read-only browser of the live namespace: a tree of topics with the latest payload of the selected one.
'use strict';
UM.views.topics = {
  selected: null, open: new Set(['uns', 'uns/v1']), built: false, shown: '',
  render(el) {
    if (!this.built) {
      this.built = true;
      el.innerHTML = '<div class="card"><label>Filter <input id="topic-filter" placeholder="e.g. line1/ or _oee" data-testid="topic-filter"></label></div>' +
        '<div class="topics" style="margin-top:10px"><div class="card tree" id="topic-tree" data-testid="topic-tree"></div><div class="card"><div id="topic-title" class="muted">Pick a topic.</div><pre id="topic-payload" data-testid="topic-payload"></pre></div></div>';
      el.querySelector('#topic-filter').addEventListener('input', () => { this.shown = ''; UM.changed = true; });
      el.querySelector('#topic-tree').addEventListener('click', e => {
        const leaf = e.target.closest('.leaf');
        if (leaf) { this.selected = leaf.dataset.topic; this.shown = ''; UM.changed = true; }
      });
      el.querySelector('#topic-tree').addEventListener('toggle', e => {
        const d = e.target;
        if (d.open) this.open.add(d.dataset.path); else this.open.delete(d.dataset.path);
      }, true);
    }
    const filter = el.querySelector('#topic-filter').value.trim();
    const topics = [...UM.latest.keys()].filter(t => !filter || t.includes(filter)).sort();
    const signature = filter + '|' + topics.length + '|' + this.selected;
    if (signature !== this.shown) {
      this.shown = signature;
      el.querySelector('#topic-tree').innerHTML = this.tree(topics, !!filter);
    }
    const msg = this.selected && UM.latest.get(this.selected);
    el.querySelector('#topic-title').innerHTML = msg ? `<b>${UM.esc(this.selected)}</b> · ${msg.retained ? 'retained' : 'live'} · received ${UM.dateTime(msg.receivedTs)}` : 'Pick a topic.';
    el.querySelector('#topic-payload').textContent = msg ? JSON.stringify(msg.payload, null, 2) : '';
  },
  tree(topics, expandAll) {
    const root = new Map();
    for (const t of topics) {
      let node = root;
      for (const seg of t.split('/')) { if (!node.has(seg)) node.set(seg, new Map()); node = node.get(seg); }
    }
    const walk = (node, prefix) => [...node].map(([seg, children]) => {
      const path = prefix ? prefix + '/' + seg : seg;
      if (children.size === 0) return `<span class="leaf ${path === this.selected ? 'selected' : ''}" data-topic="${UM.esc(path)}">${UM.esc(seg)}</span>`;
      return `<details data-path="${UM.esc(path)}" ${expandAll || this.open.has(path) ? 'open' : ''}><summary>${UM.esc(seg)} <span class="muted">(${this.count(children)})</span></summary>${walk(children, path)}</details>`;
    }).join('');
    return walk(root, '');
  },
  count(node) { return node.size === 0 ? 1 : [...node.values()].reduce((s, c) => s + this.count(c), 0); },
};
