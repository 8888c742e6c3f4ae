/**
 * The archive writes bytes it could not decode as hex markers (`<A0>`, `<92>`).
 * They stand for Windows-1252 characters. iconv-lite has the exact table:
 * Node's own TextDecoder('windows-1252') decodes 0x80-0x9F as Latin-1 controls.
 */
import iconv from 'iconv-lite';

/** High-byte markers only: `<80>`..`<FF>`. Lower ones are left alone (they are ASCII). */
const MARKER = /<([89A-F][0-9A-F])>/g;

/** Decodes bytes as Windows-1252 text. */
export function decodeWindows1252(bytes: Uint8Array): string {
  return iconv.decode(Buffer.from(bytes), 'windows-1252');
}

/** Replaces every stray-byte marker with the character it stands for. */
export function decodeByteMarkers(text: string): string {
  if (!text.includes('<')) return text;
  return text.replace(MARKER, (_, hex: string) => decodeWindows1252(Uint8Array.of(parseInt(hex, 16))));
}
