// The Element Timing attribute (https://w3c.github.io/element-timing/), which Preact's types do not list yet:
// `npm run bench` reads when the numbers marked with it were painted.
import 'preact';

declare module 'preact' {
  interface HTMLAttributes<RefType extends EventTarget = EventTarget> {
    elementtiming?: string;
  }
}
