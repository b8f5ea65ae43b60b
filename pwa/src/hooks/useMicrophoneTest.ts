import { useEffect, useRef, useState } from 'preact/hooks';
import type { MicTestView } from '@voxlay/core/ui';
import { MicrophoneTest, toVoxlayError } from '../core';

export interface MicrophoneTestSettings {
  microphoneId: string;
  inputGain: number;
  outputDeviceId: string;
}

/**
 * The settings' mic test: started and stopped by its button, its level read every frame, its gain
 * and speaker following the settings; stopped when `enabled` turns false (the drawer closed) and on unmount.
 */
export function useMicrophoneTest(enabled: boolean, settings: MicrophoneTestSettings): MicTestView {
  const [test, setTest] = useState<MicrophoneTest | null>(null);
  const [starting, setStarting] = useState(false);
  const [level, setLevel] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const current = useRef<MicrophoneTest | null>(null);
  current.current = test;

  const stop = () => {
    current.current?.close();
    current.current = null;
    setTest(null);
    setLevel(0);
  };

  useEffect(() => {
    if (!enabled) stop();
  }, [enabled]);
  useEffect(() => () => current.current?.close(), []);

  // A new microphone: the test restarts on it.
  useEffect(() => {
    if (current.current) stop();
  }, [settings.microphoneId]);
  useEffect(() => {
    if (test) test.gain = settings.inputGain;
  }, [test, settings.inputGain]);
  useEffect(() => {
    test?.setOutputDevice(settings.outputDeviceId).catch(() => undefined);
  }, [test, settings.outputDeviceId]);

  useEffect(() => {
    if (!test) return;
    let frame = requestAnimationFrame(function tick() {
      setLevel(test.level);
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [test]);

  const start = async () => {
    setStarting(true);
    setError(null);
    try {
      const started = await MicrophoneTest.start({
        deviceId: settings.microphoneId,
        gain: settings.inputGain,
        outputDeviceId: settings.outputDeviceId,
      });
      setTest(started);
    } catch (err) {
      setError(toVoxlayError(err).message);
    } finally {
      setStarting(false);
    }
  };

  return {
    running: test !== null || starting,
    level,
    error,
    onToggle: () => {
      if (test) stop();
      else if (!starting) void start();
    },
  };
}
