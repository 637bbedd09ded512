/** Runs `task` once the next frame has been painted: after the frame's callbacks, in a task of its own. */
export function afterFirstPaint(task: () => void): void {
  requestAnimationFrame(() => setTimeout(task, 0));
}
