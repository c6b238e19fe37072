/**
 * Where PreLetter is installed. Runtime files (the Teams manifest, the demo directory,
 * the embedded server's Go sources and its built binary) are found from the package
 * root, so the same code works from the TypeScript sources (tests, `npm run demo`) and
 * from the compiled program in `dist/` (`npm start`, the container image).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'preletter') return dir;
      } catch {
        // not ours; keep looking
      }
    }
    if (path.dirname(dir) === dir) throw new Error(`PreLetter's package.json was not found above ${from}`);
  }
}

/** The folder holding PreLetter's package.json. */
export const PACKAGE_ROOT = findPackageRoot(__dirname);

/** A path inside the package, from its root. */
export function packagePath(...segments: string[]): string {
  return path.join(PACKAGE_ROOT, ...segments);
}
