/** `npm run docs`: rewrites the README's generated component reference. */
import * as fs from 'fs';
import * as path from 'path';
import { componentsMarkdown, withComponents } from './components';

const readmePath = path.resolve(__dirname, '..', '..', '..', 'README.md');
fs.writeFileSync(readmePath, withComponents(fs.readFileSync(readmePath, 'utf8'), componentsMarkdown()));
process.stdout.write(`updated ${path.relative(process.cwd(), readmePath)}\n`);
