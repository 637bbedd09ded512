// The team alerts' stored destinations and their status, followed live (the worker writes the status; another tab
// may add or remove a robot). Not first-paint keys: read once the page is up.
import { useEffect, useState } from 'preact/hooks';
import type { WxtStorageItem } from 'wxt/utils/storage';
import { checkDestinations, type Destination } from '@/utils/team/destination';
import type { DestinationStatus } from '@/utils/team/outbox';
import { teamDestinationsItem, teamStatusItem } from '@/utils/storage';

/** An item's value, read after mounting and followed while mounted; `fallback` until the first read. */
export function useItem<T>(item: WxtStorageItem<T, Record<string, unknown>>, fallback: T): T {
  const [value, setValue] = useState(fallback);
  useEffect(() => {
    // The first read is dropped when a change came first (it may be older than the change).
    let waiting = true;
    void item.getValue().then((read) => waiting && setValue(read));
    const unwatch = item.watch((next) => {
      waiting = false;
      setValue(next);
    });
    return () => {
      waiting = false;
      unwatch();
    };
  }, [item]);
  return value;
}

const NONE: Destination[] = [];
const NO_STATUS: Record<string, DestinationStatus> = {};

/** The robots this browser sends to (damaged entries left out). */
export const useTeamDestinations = (): Destination[] => checkDestinations(useItem(teamDestinationsItem, NONE));

/** Per robot: its refusal, a missing permission. */
export const useTeamStatus = (): Record<string, DestinationStatus> => useItem(teamStatusItem, NO_STATUS);
