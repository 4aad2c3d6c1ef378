// Searches files for a secret in the encodings it could be stored in: UTF-8
// (JSON, logs, SQLite text) and UTF-16LE (WebKit's local storage).

import fs from 'node:fs';
import path from 'node:path';

/** Returns every regular file under dir, following no symbolic links. */
export function listFiles(dir) {
  const files = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(full));
    else if (entry.isFile()) files.push(full);
  }
  return files;
}

/** Returns "file (encoding)" for each file under dirs that contains secret. */
export function findSecret(dirs, secret) {
  const needles = [
    ['utf-8', Buffer.from(secret, 'utf8')],
    ['utf-16le', Buffer.from(secret, 'utf16le')],
  ];
  const hits = [];
  for (const dir of dirs) {
    for (const file of listFiles(dir)) {
      const data = fs.readFileSync(file);
      for (const [encoding, needle] of needles) {
        if (data.includes(needle)) hits.push(`${file} (${encoding})`);
      }
    }
  }
  return hits;
}
