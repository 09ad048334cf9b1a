// A multipart/form-data body read as it arrives, one part at a time: text fields into memory
// (small, capped), a file part handed on as a stream, so an upload of tens of MB goes to disk
// without ever being held whole (request.formData() would hold it all). The root middleware
// reads the CSRF field with it too, stopping at that field, which every form sends first.

/** What is wrong with the body as multipart; the request is refused, nothing is kept. */
export class MultipartError extends Error {
  readonly code: 'malformed' | 'truncated' | 'fieldTooLarge' | 'tooManyParts' | 'tooLarge';
  constructor(code: MultipartError['code']) {
    super(`multipart: ${code}`);
    this.code = code;
  }
}

export interface MultipartPart {
  /** The form field's name. */
  name: string;
  /** The file's name as the browser sent it; null for a text field. */
  fileName: string | null;
  contentType: string | null;
  /** The part's bytes as they arrive; read it through (or not at all) before the next part. */
  body: AsyncIterable<Uint8Array>;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_HEADER_BYTES = 16 * 1024;
const MAX_PARTS = 100;

/** The boundary of a multipart/form-data content type, or null when it is not one. */
export function multipartBoundary(contentType: string | null): string | null {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return null;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return match ? (match[1] ?? match[2]!) : null;
}

class Bytes {
  buffer: Buffer = Buffer.alloc(0);
  private done = false;
  private readonly source: AsyncIterator<Uint8Array>;
  constructor(source: AsyncIterable<Uint8Array>, first: Buffer) {
    this.source = source[Symbol.asyncIterator]();
    this.buffer = first;
  }
  async more(): Promise<boolean> {
    if (this.done) return false;
    const next = await this.source.next();
    if (next.done) {
      this.done = true;
      return false;
    }
    const chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    return true;
  }
  async need(count: number): Promise<boolean> {
    while (this.buffer.length < count) if (!(await this.more())) return false;
    return true;
  }
  /** Lets go of the source without waiting: a tee's branch settles its cancel only once both are let go. */
  stop(): void {
    this.source.return?.()?.catch(() => {});
  }
}

function headerValue(headers: string, name: string): string | null {
  for (const line of headers.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === name) return line.slice(colon + 1).trim();
  }
  return null;
}

function dispositionParam(disposition: string, name: string): string | null {
  // filename*= (RFC 5987) is not sent by browsers for forms; the plain form is read.
  const match = new RegExp(`;\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(disposition) ?? new RegExp(`;\\s*${name}=([^;\\s]+)`, 'i').exec(disposition);
  return match ? match[1]!.replace(/\\(.)/g, '$1') : null;
}

/**
 * The parts of a multipart/form-data body, in order. Each part's body must be read through (or
 * left unread: the next part skips what is left) before asking for the next part.
 */
export async function* multipartParts(body: AsyncIterable<Uint8Array>, boundary: string): AsyncGenerator<MultipartPart> {
  // Seen as `\r\n--boundary` everywhere, the first one included.
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const bytes = new Bytes(body, Buffer.from(CRLF));
  let parts = 0;
  try {
    // The preamble, up to the first delimiter.
    for (;;) {
      const at = bytes.buffer.indexOf(delimiter);
      if (at >= 0) {
        bytes.buffer = bytes.buffer.subarray(at + delimiter.length);
        break;
      }
      if (bytes.buffer.length > MAX_HEADER_BYTES) throw new MultipartError('malformed');
      if (!(await bytes.more())) throw new MultipartError('malformed');
    }
    for (;;) {
      if (!(await bytes.need(2))) throw new MultipartError('truncated');
      if (bytes.buffer[0] === 0x2d && bytes.buffer[1] === 0x2d) return;
      // Transport padding, then CRLF.
      let end = bytes.buffer.indexOf(CRLF);
      while (end < 0) {
        if (bytes.buffer.length > 256) throw new MultipartError('malformed');
        if (!(await bytes.more())) throw new MultipartError('truncated');
        end = bytes.buffer.indexOf(CRLF);
      }
      if (bytes.buffer.subarray(0, end).toString('latin1').trim() !== '') throw new MultipartError('malformed');
      bytes.buffer = bytes.buffer.subarray(end + 2);
      if (++parts > MAX_PARTS) throw new MultipartError('tooManyParts');
      // Headers: an empty line ends them (a part with no headers starts with that line).
      let headers = '';
      for (;;) {
        if (!(await bytes.need(2))) throw new MultipartError('truncated');
        if (bytes.buffer.subarray(0, 2).equals(CRLF)) {
          bytes.buffer = bytes.buffer.subarray(2);
          break;
        }
        const at = bytes.buffer.indexOf(HEADER_END);
        if (at >= 0) {
          headers = new TextDecoder().decode(bytes.buffer.subarray(0, at));
          bytes.buffer = bytes.buffer.subarray(at + HEADER_END.length);
          break;
        }
        if (bytes.buffer.length > MAX_HEADER_BYTES) throw new MultipartError('malformed');
        if (!(await bytes.more())) throw new MultipartError('truncated');
      }
      const disposition = headerValue(headers, 'content-disposition') ?? '';
      const name = dispositionParam(disposition, 'name');
      if (!/^form-data\b/i.test(disposition) || name === null) throw new MultipartError('malformed');
      let finished = false;
      const partBody = async function* (): AsyncGenerator<Uint8Array> {
        for (;;) {
          const at = bytes.buffer.indexOf(delimiter);
          if (at >= 0) {
            if (at > 0) yield bytes.buffer.subarray(0, at);
            bytes.buffer = bytes.buffer.subarray(at + delimiter.length);
            finished = true;
            return;
          }
          // Keep what could be the start of a delimiter split across chunks.
          const safe = bytes.buffer.length - delimiter.length + 1;
          if (safe > 0) {
            const out = bytes.buffer.subarray(0, safe);
            bytes.buffer = bytes.buffer.subarray(safe);
            yield out;
          }
          if (!(await bytes.more())) throw new MultipartError('truncated');
        }
      };
      const stream = partBody();
      yield { name, fileName: dispositionParam(disposition, 'filename'), contentType: headerValue(headers, 'content-type'), body: stream };
      // What the reader left unread is skipped.
      if (!finished) for await (const _ of stream) void _;
    }
  } finally {
    bytes.stop();
  }
}

/** A text part's value, refused past `max` bytes. */
export async function partText(part: MultipartPart, max = 64 * 1024): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of part.body) {
    size += chunk.byteLength;
    if (size > max) throw new MultipartError('fieldTooLarge');
    chunks.push(chunk);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** A part's bytes passed on, refused once past `max` bytes. */
export async function* capped(body: AsyncIterable<Uint8Array>, max: number): AsyncGenerator<Uint8Array> {
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > max) throw new MultipartError('tooLarge');
    yield chunk;
  }
}

/**
 * One field of a multipart request, read from a clone of it up to that field and no further:
 * the clone is then let go, so the rest of the body stays unread for the action (a tee keeps
 * only what one side has read and the other not yet).
 */
export async function multipartField(request: Request, field: string): Promise<string | null> {
  const boundary = multipartBoundary(request.headers.get('content-type'));
  if (!boundary || !request.body) return null;
  const reader = request.clone().body!.getReader();
  const chunks: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => ({ next: () => reader.read() as Promise<IteratorResult<Uint8Array>> }),
  };
  try {
    for await (const part of multipartParts(chunks, boundary)) {
      if (part.name === field && part.fileName === null) return await partText(part, 1024);
    }
    return null;
  } catch {
    return null;
  } finally {
    // Not awaited: a tee's branch settles its cancel only once the other side is done too.
    reader.cancel().catch(() => {});
  }
}
