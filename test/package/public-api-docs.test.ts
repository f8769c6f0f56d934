import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
  exports: Record<string, string | { default: string }>;
};

/** The source of each entry point: `./dist/core/routing/index.js` → `src/core/routing/index.ts`. */
const entries = Object.values(manifest.exports)
  .filter((target) => typeof target !== 'string')
  .map((target) =>
    join(repo, target.default.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts')),
  );

/** Every exported name of the entry points whose declaration lacks a JSDoc `@example`. */
function undocumentedExports(files: readonly string[]): string[] {
  const program = ts.createProgram([...files], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2023,
    lib: ['lib.es2023.d.ts'],
    types: [],
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const missing = new Set<string>();
  for (const file of files) {
    const source = program.getSourceFile(file);
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`${file} is not a module`);
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol =
        exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const declaration = symbol.declarations?.[0];
      // A constant's JSDoc sits on its statement, two levels up from the declaration.
      const documented =
        declaration && ts.isVariableDeclaration(declaration)
          ? declaration.parent.parent
          : declaration;
      const hasExample =
        documented !== undefined &&
        ts.getJSDocTags(documented).some((tag) => tag.tagName.text === 'example');
      if (!hasExample) missing.add(exported.name);
    }
  }
  return [...missing].sort();
}

describe('the public API', () => {
  it('has a JSDoc with an example on every export of every entry point', () => {
    expect(entries.map((entry) => entry.slice(repo.length))).toContain('src/index.ts');
    expect(undocumentedExports(entries)).toEqual([]);
  });

  it('finds an export without an example', () => {
    const probe = join(repo, 'test/package/undocumented-export.ts');
    expect(undocumentedExports([probe])).toEqual(['undocumented']);
  });
});
