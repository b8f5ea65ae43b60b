import { useInstallPrompt } from '../hooks/useInstallPrompt';

/** "Install" in the top bar: only once the browser offered installation, gone after it. */
export function InstallButton() {
  const { canInstall, install } = useInstallPrompt();
  if (!canInstall) return null;
  return (
    <button type="button" class="vx-button vx-button--small vx-button--primary" data-testid="install-button" onClick={() => void install()}>
      Install
    </button>
  );
}
