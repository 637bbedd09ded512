// Starts the page's first storage read while its module scripts load: a classic script in <head> runs at once,
// modules only after parsing. utils/storage.ts (readStoredState) picks the promise up.
globalThis.qccStoredState = chrome.storage.local.get([
  'accounts',
  'credentials',
  'accountStates',
  'quotaState',
  'settings',
  'settings$',
  'historySummaries',
  'historySummary',
  'policy',
  'selectedAccount',
]);
