// Routing between the views and the render loop: at most a few renders a second, and only when something changed
// (or once a second, so times in state keep counting).
'use strict';
(async () => {
  const response = await fetch('/api/dashboard/settings').catch(() => null);
  if (response?.status === 401) { location.reload(); return; }  // the page then shows the sign-in form
  const settings = response?.ok ? await response.json() : null;
  if (settings) UM.settings = settings;
  if (settings?.user) {
    const out = document.createElement('form');
    out.method = 'post'; out.action = '/api/dashboard/logout'; out.className = 'signout';
    out.innerHTML = `<span>${UM.esc(settings.user)}</span> <button type="submit" class="secondary">Sign out</button>`;
    document.querySelector('header').appendChild(out);
  }
  UM.connect();
  let lastRender = 0;
  let current = '';
  const route = () => {
    const [view, ...rest] = (location.hash.replace(/^#/, '') || 'overview').split('/');
    return { view: UM.views[view] ? view : 'overview', arg: rest.join('/') };
  };
  const render = () => {
    const { view, arg } = route();
    const key = view + '/' + arg;
    if (key !== current) {
      current = key;
      document.querySelectorAll('.view').forEach(v => v.classList.toggle('active', v.id === 'view-' + view));
      document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.dataset.view === view));
      UM.changed = true;
    }
    if (!UM.changed && Date.now() - lastRender < 1000) return;
    UM.changed = false;
    lastRender = Date.now();
    try { UM.views[view].render(document.getElementById('view-' + view), arg); } catch (e) { console.error(e); }
  };
  window.addEventListener('hashchange', render);
  setInterval(render, 300);
  render();
})();
