'use strict';
// Decodes one Sparkplug B payload with Eclipse Tahu's npm package (sparkplug-payload), independently of the C#
// encoder under test, and prints it as one line of JSON.
//   node decode.js PAYLOAD_FILE          the raw protobuf bytes from a file
//   base64 PAYLOAD | node decode.js      base64 of the bytes on stdin
// 64-bit integers (timestamps, seq, Int64/UInt64 values) print as decimal strings so no digit is lost to a JS
// number; byte values print as base64.
const fs = require('fs');
const sparkplug = require('sparkplug-payload').get('spBv1.0');

const bytes = process.argv[2]
  ? fs.readFileSync(process.argv[2])
  : Buffer.from(fs.readFileSync(0, 'utf8').trim(), 'base64');

const isLong = (v) => typeof v.low === 'number' && typeof v.high === 'number' && typeof v.unsigned === 'boolean';

function plain(value) {
  if (value === null || typeof value !== 'object') {
    return value;
  }
  if (isLong(value)) {
    return value.toString();
  }
  if (value instanceof Uint8Array) {
    return Buffer.from(value).toString('base64');
  }
  if (Array.isArray(value)) {
    return value.map(plain);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
}

process.stdout.write(JSON.stringify(plain(sparkplug.decodePayload(new Uint8Array(bytes)))) + '\n');
