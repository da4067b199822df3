// What the proxy's source looks like from above: its import graph and its functions, read with the
// TypeScript compiler so the structure test (and a curious reader) can check the design's rules.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export interface SourceFunction {
  file: string;
  name: string;
  line: number;
  lines: number;
  params: number;
}

export interface SourceShape {
  /** Source files (tests excluded), relative to the root, with the files each imports. */
  imports: Map<string, string[]>;
  functions: SourceFunction[];
}

const isTest = (file: string) => /\.test(-d)?\.ts$/.test(file);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !isTest(entry.name) ? [path] : [];
  });
}

function nameOf(node: ts.Node, source: ts.SourceFile): string {
  const named = node as { name?: ts.Node };
  if (named.name) return named.name.getText(source);
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) {
    return parent.name.getText(source);
  }
  return '(anonymous)';
}

function functionsOf(source: ts.SourceFile, file: string): SourceFunction[] {
  const found: SourceFunction[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      found.push({
        file,
        name: nameOf(node, source),
        line: start + 1,
        lines: end - start + 1,
        params: node.parameters.length,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Reads every source file under `root`; only relative imports count (packages are not ours). */
export function readSourceShape(root: string): SourceShape {
  const imports = new Map<string, string[]>();
  const functions: SourceFunction[] = [];
  for (const path of sourceFiles(root)) {
    const file = relative(root, path);
    const source = ts.createSourceFile(
      path,
      readFileSync(path, 'utf8'),
      ts.ScriptTarget.ES2023,
      true,
    );
    const targets: string[] = [];
    for (const statement of source.statements) {
      const specifier =
        (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
        statement.moduleSpecifier &&
        ts.isStringLiteral(statement.moduleSpecifier)
          ? statement.moduleSpecifier.text
          : undefined;
      if (specifier?.startsWith('.')) {
        targets.push(relative(root, resolve(dirname(path), specifier)));
      }
    }
    imports.set(file, targets);
    functions.push(...functionsOf(source, file));
  }
  return { imports, functions };
}

/** The import cycles, as strongly connected components of more than one file (Tarjan). */
export function importCycles(imports: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const connect = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file) as number);
    stack.push(file);
    onStack.add(file);
    for (const target of imports.get(file) ?? []) {
      if (!index.has(target)) {
        connect(target);
        low.set(file, Math.min(low.get(file) as number, low.get(target) as number));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file) as number, index.get(target) as number));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop() as string;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || (imports.get(file) ?? []).includes(file))
      cycles.push(component.sort());
  };
  for (const file of imports.keys()) if (!index.has(file)) connect(file);
  return cycles;
}
