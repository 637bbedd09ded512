// The vendor's documented sentence for each status code, as the Chinese messages copy it (`status_<code>`): the worker
// compares the server's `msg` with it once per failure and stores only the outcome, so pages in another language can
// leave out a server sentence their own text already translates.
import { browser } from 'wxt/browser';
import { sameSentence } from './explain-failure';

type Messages = Record<string, { message?: unknown } | undefined>;

/** The extension's own file, read with the fetch the worker started with (never a request to pro.qcc.com). */
const ownFetch: typeof fetch = globalThis.fetch.bind(globalThis);
let texts: Promise<Messages> | undefined;

/** The Chinese text of `status_<code>`, read once from the package; undefined when unknown or unreadable. */
export async function vendorText(code: number): Promise<string | undefined> {
  texts ??= ownFetch(browser.runtime.getURL('/_locales/zh_CN/messages.json'))
    .then(async (response) => (await response.json()) as Messages)
    .catch(() => {
      // Unreadable now (the worker is being replaced): read again next time rather than never mark a sentence.
      texts = undefined;
      return {};
    });
  const message = (await texts)[`status_${code}`]?.message;
  return typeof message === 'string' ? message : undefined;
}

/** Whether the server's `msg` is the vendor's sentence for the code, as far as spaces and punctuation go. */
export const isVendorText = (msg: string, text: string | undefined): boolean => text !== undefined && sameSentence(msg, text);
