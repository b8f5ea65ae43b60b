// Which Chromium process serves which page: each page opens in its own browser context, so it gets
// a renderer process of its own; the renderer that appears when a page opens is that page's.
import type { Browser, CDPSession } from 'playwright-core';

export interface ChromiumProcess {
  type: string;
  pid: number;
}

export class ChromiumProcesses {
  private constructor(private readonly session: CDPSession) {}

  static async attach(browser: Browser): Promise<ChromiumProcesses> {
    return new ChromiumProcesses(await browser.newBrowserCDPSession());
  }

  async list(): Promise<ChromiumProcess[]> {
    const info = (await this.session.send('SystemInfo.getProcessInfo')) as { processInfo: Array<{ type: string; id: number }> };
    return info.processInfo.map((p) => ({ type: p.type, pid: p.id }));
  }

  async renderers(): Promise<Set<number>> {
    return new Set((await this.list()).filter((p) => p.type === 'renderer').map((p) => p.pid));
  }
}
