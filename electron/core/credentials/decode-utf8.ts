import { isUtf8 } from 'node:buffer';
import { CredentialsFileError } from './credentials-file-error';

// ignoreBOM keeps a leading BOM in the text, so writing it back keeps it too.
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes a file that must be UTF-8. Anything else (Latin-1, UTF-16 from an old
 * Notepad) would be corrupted by a decode-edit-encode round trip, so it is
 * refused before any edit. The message gives the line, never the bytes.
 */
export function decodeUtf8(bytes: Uint8Array, path: string): string {
  try {
    return strict.decode(bytes);
  } catch (error) {
    throw new CredentialsFileError(
      'not-utf8',
      `${path} is not valid UTF-8 text (line ${firstBadLine(bytes)}); Switchyard will not edit it. ` +
        'Save it as UTF-8 and try again.',
      { cause: error },
    );
  }
}

/** The same check without making the string: a big file is parsed from its bytes. */
export function assertUtf8(bytes: Uint8Array, path: string): void {
  if (!isUtf8(bytes)) decodeUtf8(bytes, path);
}

/** Byte 0x0A never occurs inside a multi-byte UTF-8 sequence, so lines decode alone. */
function firstBadLine(bytes: Uint8Array): number {
  let start = 0;
  for (let line = 1; ; line++) {
    const end = bytes.indexOf(0x0a, start);
    const slice = bytes.subarray(start, end === -1 ? bytes.length : end);
    try {
      strict.decode(slice);
    } catch {
      return line;
    }
    if (end === -1) return line;
    start = end + 1;
  }
}
