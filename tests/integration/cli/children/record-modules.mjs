// `node --import <this file> …`: writes the URL of every ES module the process
// loads, one a line, to the file named by RECORD_MODULES_FILE.
import { register } from 'node:module';

register('./record-modules-hook.mjs', import.meta.url);
