import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the lint rules that keep the layers apart', () => {
  const forbidden = [
    "import { readFileSync } from 'node:fs';",
    "import { readFileSync } from 'fs';",
    "import { ipcRenderer } from 'electron';",
    "import Database from 'better-sqlite3-multiple-ciphers';",
    "import { Kysely } from 'kysely';",
    "import { createAppCore } from '../../main/app-core';",
  ];

  it.each(['src/renderer/app/example.tsx', 'src/shared/contract/example.ts'])('refuse Node, Electron, the database and main in %s', async (file) => {
    for (const line of forbidden) expect(await problems(file, `${line}\nexport {};\n`), line).toHaveLength(1);
  });

  it('allow the same imports in src/main', async () => {
    for (const line of forbidden.slice(0, 5)) expect(await problems('src/main/example.ts', `${line}\nexport {};\n`)).toEqual([]);
  });

  it('keep migrations free of src/', async () => {
    expect(await problems('migrations/example.ts', "import { contract } from '../src/shared/contract';\nexport {};\n")).toHaveLength(1);
  });
});
