/**
 * The desktop extras of `window.studio` (dialogs, recent files, menu-opened files), built from
 * transport functions like the contract API, so it is tested without Electron.
 */
import { isCallReply, toCallError, unwrapReply } from '../contract/call-reply';
import type { AppCallName, AppCallOutputs, DesktopApi, FileOpened } from './app-calls';

export type InvokeAppCall = (name: AppCallName, input: unknown) => Promise<unknown>;

export function buildDesktopApi(
  invoke: InvokeAppCall,
  onFileOpened: (listener: (file: FileOpened) => void) => () => void,
  pathForFile: (file: unknown) => string,
): DesktopApi {
  const call = async <K extends AppCallName>(name: K, input: unknown): Promise<AppCallOutputs[K]> => {
    const reply = await invoke(name, input ?? {});
    if (!isCallReply(reply)) throw toCallError({ code: 'internal', message: `${name}: not a reply` });
    return unwrapReply(reply) as AppCallOutputs[K];
  };
  return Object.freeze({
    openFile: (input) => call('dialog.openFile', input),
    saveFile: (input) => call('dialog.saveFile', input),
    openFolder: () => call('dialog.openFolder', {}),
    recentFiles: () => call('recent.list', {}),
    allowRerun: (runId) => call('history.allowRerun', { runId }),
    onFileOpened,
    pathForFile,
  } satisfies DesktopApi);
}
