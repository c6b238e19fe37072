/**
 * Every sentence a person reads lives in the catalogue (src/bot/messages): a renderer,
 * a card view or a listener that holds one of its own is a sentence only English
 * readers would get. This reads those modules' string literals with the TypeScript
 * parser and fails on any that reads like words for people.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');

/** The modules that make what people see: the core's views and every adapter module that answers people. */
function renderingModules(): string[] {
  const inDir = (dir: string, pick: (name: string) => boolean) =>
    readdirSync(path.join(ROOT, dir))
      .filter((name) => name.endsWith('.ts') && pick(name))
      .map((name) => path.join(dir, name));
  return [
    ...inDir('src/bot/views', () => true),
    ...inDir('src/bot', (name) => !['format.ts'].includes(name)),
    ...inDir('adapters/slack', (name) => /render|preview|listener|turn|platform/.test(name)),
    ...inDir('adapters/teams', (name) => /render|preview|listener|turn|platform/.test(name)),
    ...inDir('adapters/shared', (name) => name === 'turn.ts'),
  ];
}

/** Three words in a row: what a sentence, a title or a button label for people looks like. */
const WORDS = /[A-Za-z\u00C0-\u024F']{2,} [A-Za-z\u00C0-\u024F']{2,} [A-Za-z\u00C0-\u024F']{2,}/;

/** Calls whose text is for operators, not people: log lines and errors kept in English for the logs. */
function isForOperators(node: ts.Node): boolean {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isCallExpression(at)) {
      const callee = at.expression.getText();
      if (/(^|\.)(log|logger)\.(trace|debug|info|warn|error|fatal)$/.test(callee)) return true;
    }
    if (ts.isNewExpression(at) && at.expression.getText() === 'PreLetterError') return true;
  }
  return false;
}

function sentencesIn(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    const texts: string[] = [];
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) texts.push(node.text);
    if (ts.isTemplateExpression(node)) texts.push(node.head.text, ...node.templateSpans.map((span) => span.literal.text));
    for (const text of texts) if (WORDS.test(text) && !isForOperators(node)) found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${text.slice(0, 60)}`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('sentences for people', () => {
  it('are found by this check when a module holds one (the check can fail)', () => {
    const source = ts.createSourceFile('x.ts', "const t = 'Open the thread now';", ts.ScriptTarget.Latest, true);
    const literal = (source.statements[0] as ts.VariableStatement).declarationList.declarations[0]!.initializer as ts.StringLiteral;
    expect(WORDS.test(literal.text)).toBe(true);
  });

  it('live only in the catalogue: no view, renderer, form or listener holds one', () => {
    const modules = renderingModules();
    expect(modules.length).toBeGreaterThan(30);
    expect(modules.flatMap(sentencesIn)).toEqual([]);
  });
});
