import { contextBridge } from 'electron';

// The preload exposes named verbs only, never ipcRenderer itself.
contextBridge.exposeInMainWorld('switchyard', Object.freeze({ version: 1 }));
