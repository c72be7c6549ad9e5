'use strict';
// Preloaded with --require: this process says it is Node FAKE_NODE_VERSION
// (process.version only), as a second Node install on the same machine would.
Object.defineProperty(process, 'version', { value: process.env.FAKE_NODE_VERSION });
