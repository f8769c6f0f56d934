#!/usr/bin/env node
// Prints the pipeline's capability graph (capability → capabilities it imports, tests left out)
// and fails when it has a cycle. Run by `npm run deps`.
/* global console, process */
import { execFileSync } from 'node:child_process';

const json = execFileSync(
  'npx',
  ['depcruise', 'src/pipeline', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'],
  { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);
const capabilityOf = (path) => /^src\/pipeline\/([^/]+)\//.exec(path)?.[1];
const graph = new Map();
for (const module of JSON.parse(json).modules) {
  const from = capabilityOf(module.source);
  if (!from || /\.(test|case)\.ts$/.test(module.source)) continue;
  const edges = graph.get(from) ?? new Set();
  graph.set(from, edges);
  for (const dependency of module.dependencies) {
    const to = capabilityOf(dependency.resolved);
    if (to && to !== from) edges.add(to);
  }
}
const names = [...graph.keys()].sort();
for (const name of names) {
  const edges = [...graph.get(name)].sort();
  console.log(`${name.padEnd(10)} → ${edges.length ? edges.join(', ') : '(none)'}`);
}
const state = new Map();
const stack = [];
function visit(name) {
  if (state.get(name) === 'done') return;
  if (state.get(name) === 'open') {
    const cycle = [...stack.slice(stack.indexOf(name)), name].join(' → ');
    console.error(`capability cycle: ${cycle}`);
    process.exit(1);
  }
  state.set(name, 'open');
  stack.push(name);
  for (const next of graph.get(name) ?? []) visit(next);
  stack.pop();
  state.set(name, 'done');
}
names.forEach(visit);
console.log(`${names.length} capabilities, no cycles`);
