import { useState, type DragEvent } from 'react';
import { desktop, isDesktop } from '../studio';

/**
 * A drop zone for files in the desktop app: `dragging` while files hover, and the dropped files'
 * paths. A sandboxed renderer gets no File.path: the preload resolves them (webUtils.getPathForFile)
 * and grants them; in a browser there is no way to a path, so nothing is offered (use the field).
 */
export function useFileDrop(onPaths: (paths: string[]) => void) {
  const [dragging, setDragging] = useState(false);
  return {
    dragging,
    dropHandlers: {
      onDragOver: (e: DragEvent) => {
        if (!isDesktop()) return;
        e.preventDefault();
        setDragging(true);
      },
      onDragLeave: () => setDragging(false),
      onDrop: (e: DragEvent) => {
        e.preventDefault();
        setDragging(false);
        const native = desktop();
        if (!native) return;
        onPaths([...e.dataTransfer.files].map((f) => native.pathForFile(f)));
      },
    },
  };
}
