/**
 * The app's own recent-files list (kind + path, newest first), kept in userData as JSON. The OS
 * list (app.addRecentDocument) has no kinds and is not readable on every platform, so the File
 * menu is built from this one. Pure Node, so it is tested without Electron.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as z from 'zod';
import { FileKindSchema, type RecentFile } from '../../preload/app-calls';

export const RECENT_FILES_FILE = 'recent-files.json';
export const MAX_RECENT = 12;

const RecentListSchema = z.array(z.object({ kind: FileKindSchema, path: z.string().min(1) }));

export class RecentFiles {
  private entries: RecentFile[] = [];

  private constructor(private readonly file: string) {}

  static async load(file: string): Promise<RecentFiles> {
    const recent = new RecentFiles(file);
    try {
      const parsed = RecentListSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
      if (parsed.success) recent.entries = parsed.data.slice(0, MAX_RECENT);
    } catch {
      // No list yet, or an unreadable one: start empty.
    }
    return recent;
  }

  list(): RecentFile[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  /** Moves (or adds) the file to the top and saves the list. */
  async add(entry: RecentFile): Promise<void> {
    this.entries = [entry, ...this.entries.filter((e) => e.path !== entry.path)].slice(0, MAX_RECENT);
    await this.save();
  }

  async clear(): Promise<void> {
    this.entries = [];
    await this.save();
  }

  private async save(): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(this.entries, null, 2));
    await rename(temp, this.file);
  }
}
