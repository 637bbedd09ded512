// Every JavaScript and extension API newer than our baseline, Chromium 102, that the extension's code or its
// libraries (Preact, webextension-polyfill, @wxt-dev/storage, spark-md5) could reach, with the Chromium version
// that brought it. tests/e2e/baseline.test.ts removes them all before the extension's own code runs, in the
// worker and in every page; eslint.config.mjs forbids the ones it can see in our sources.

/** @type {ReadonlyArray<{ path: string, chromium: number }>} */
export const NEWER_THAN_102 = [
  { path: 'AbortSignal.timeout', chromium: 103 },
  { path: 'AbortSignal.any', chromium: 116 },
  { path: 'Response.json', chromium: 105 },
  { path: 'Array.prototype.toSorted', chromium: 110 },
  { path: 'Array.prototype.toReversed', chromium: 110 },
  { path: 'Array.prototype.toSpliced', chromium: 110 },
  { path: 'Array.prototype.with', chromium: 110 },
  { path: 'String.prototype.isWellFormed', chromium: 111 },
  { path: 'String.prototype.toWellFormed', chromium: 111 },
  { path: 'ArrayBuffer.prototype.transfer', chromium: 114 },
  { path: 'Object.groupBy', chromium: 117 },
  { path: 'Map.groupBy', chromium: 117 },
  { path: 'Promise.withResolvers', chromium: 119 },
  { path: 'URL.canParse', chromium: 120 },
  { path: 'Array.fromAsync', chromium: 121 },
  { path: 'Set.prototype.union', chromium: 122 },
  { path: 'Set.prototype.intersection', chromium: 122 },
  { path: 'Set.prototype.difference', chromium: 122 },
  { path: 'Iterator', chromium: 122 },
  { path: 'URL.parse', chromium: 126 },
  { path: 'Promise.try', chromium: 128 },
  { path: 'Intl.DurationFormat', chromium: 129 },
  { path: 'RegExp.escape', chromium: 136 },
  { path: 'Element.prototype.checkVisibility', chromium: 105 },
  { path: 'HTMLElement.prototype.showPopover', chromium: 114 },
  { path: 'Document.prototype.startViewTransition', chromium: 111 },
  { path: 'chrome.action.setBadgeTextColor', chromium: 110 },
  { path: 'chrome.action.getBadgeTextColor', chromium: 110 },
  { path: 'chrome.action.openPopup', chromium: 127 },
  { path: 'chrome.runtime.getContexts', chromium: 116 },
  { path: 'chrome.storage.local.getKeys', chromium: 130 },
];

/**
 * The source of a classic script that deletes every listed API that exists in the global scope it runs in, and
 * records on `globalThis.__removedNewerApis` what it removed and what it could not.
 */
export function removalScript() {
  const paths = JSON.stringify(NEWER_THAN_102.map((api) => api.path));
  return `(() => {
  const removed = [];
  const failed = [];
  for (const path of ${paths}) {
    const parts = path.split('.');
    const name = parts.pop();
    let owner = globalThis;
    for (const part of parts) owner = owner == null ? undefined : owner[part];
    if (owner == null || !(name in owner)) continue;
    try {
      delete owner[name];
    } catch {}
    (name in owner ? failed : removed).push(path);
  }
  globalThis.__removedNewerApis = { removed, failed };
})();
`;
}
