import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MultipartError, multipartBoundary, multipartField, multipartParts, partText } from '../../app/lib/multipart.server.ts';

// The streaming multipart reader behind uploads and the CSRF check: the same parts as the
// platform's own parser whatever the chunking, a file's bytes exact, and the CSRF field read
// without reading the rest of the body.

async function collect(body: AsyncIterable<Uint8Array>, boundary: string) {
  const out: { name: string; fileName: string | null; bytes: Buffer }[] = [];
  for await (const part of multipartParts(body, boundary)) {
    const chunks: Uint8Array[] = [];
    for await (const c of part.body) chunks.push(c);
    out.push({ name: part.name, fileName: part.fileName, bytes: Buffer.concat(chunks) });
  }
  return out;
}

async function encoded(form: FormData): Promise<{ bytes: Uint8Array; boundary: string }> {
  const request = new Request('http://x/', { method: 'POST', body: form });
  const boundary = multipartBoundary(request.headers.get('content-type'))!;
  return { bytes: new Uint8Array(await request.arrayBuffer()), boundary };
}

async function* chunked(bytes: Uint8Array, sizes: number[]) {
  let at = 0;
  let i = 0;
  while (at < bytes.length) {
    const size = Math.max(1, sizes[i++ % sizes.length] ?? 1);
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

describe('multipart reader', () => {
  it('reads the boundary of a form content type only', () => {
    expect(multipartBoundary('multipart/form-data; boundary=----abc')).toBe('----abc');
    expect(multipartBoundary('multipart/form-data; boundary="a b"')).toBe('a b');
    expect(multipartBoundary('application/x-www-form-urlencoded')).toBeNull();
    expect(multipartBoundary(null)).toBeNull();
  });

  it('gives the same fields and file bytes as the platform, however the body is cut', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.string({ maxLength: 40 }), fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 8 }), async (file, text, sizes) => {
        const form = new FormData();
        form.append('_csrf', 'token-1');
        form.append('kind', text);
        form.append('file', new File([file], 'ข้อมูล.csv'));
        const { bytes, boundary } = await encoded(form);
        const parts = await collect(chunked(bytes, sizes), boundary);
        expect(parts.map((p) => [p.name, p.fileName])).toEqual([
          ['_csrf', null],
          ['kind', null],
          ['file', 'ข้อมูล.csv'],
        ]);
        expect(parts[1]!.bytes.toString('utf8')).toBe(text.replace(/\r\n|\r|\n/g, '\r\n'));
        expect(Buffer.compare(parts[2]!.bytes, Buffer.from(file))).toBe(0);
      }),
      { numRuns: 150 },
    );
  });

  it('finds a file containing the boundary text without its CRLF intact', async () => {
    const form = new FormData();
    const tricky = Buffer.from('a\r\n--not-the-boundary\r\n--\r\nz');
    form.append('file', new File([tricky], 'x.json'));
    const { bytes, boundary: b } = await encoded(form);
    const parts = await collect(chunked(bytes, [5]), b);
    expect(Buffer.compare(parts[0]!.bytes, tricky)).toBe(0);
  });

  it('refuses a body cut short, and a field past its limit', async () => {
    const form = new FormData();
    form.append('file', new File([new Uint8Array(500)], 'x.csv'));
    const { bytes, boundary } = await encoded(form);
    await expect(collect(chunked(bytes.subarray(0, bytes.length - 60), [64]), boundary)).rejects.toMatchObject({ code: 'truncated' });
    const big = new FormData();
    big.append('kind', 'x'.repeat(100));
    const encodedBig = await encoded(big);
    const parts = multipartParts(chunked(encodedBig.bytes, [10]), encodedBig.boundary);
    const first = await parts.next();
    await expect(partText(first.value as never, 50)).rejects.toBeInstanceOf(MultipartError);
  });

  it('reads the CSRF field from a clone and leaves the body whole for the action', async () => {
    const form = new FormData();
    form.append('_csrf', 'abc');
    form.append('file', new File([new Uint8Array(200_000).fill(7)], 'big.csv'));
    const request = new Request('http://x/', { method: 'POST', body: form });
    expect(await multipartField(request, '_csrf')).toBe('abc');
    expect(await multipartField(new Request('http://x/', { method: 'POST', body: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), '_csrf')).toBeNull();
    const after = await request.formData();
    expect(after.get('_csrf')).toBe('abc');
    expect((after.get('file') as File).size).toBe(200_000);
  });
});
