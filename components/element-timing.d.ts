// The Element Timing attribute (https://w3c.github.io/element-timing/), which Preact's types do not list yet:
// `npm run bench` reads when the numbers marked with it were painted.
import 'preact';

declare module 'preact' {
  // The type parameter must match Preact's declaration for the interfaces to merge.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface HTMLAttributes<RefType extends EventTarget = EventTarget> {
    elementtiming?: string;
  }
}
