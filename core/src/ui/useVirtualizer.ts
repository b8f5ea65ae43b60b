// A Preact binding for @tanstack/virtual-core (framework-agnostic windowing), shaped like the
// official React adapter: one Virtualizer per component, options refreshed on every render,
// mounted and re-attached to its scroll element in layout effects, a re-render on each change.
import {
  Virtualizer,
  elementScroll,
  observeElementOffset,
  observeElementRect,
  type PartialKeys,
  type VirtualizerOptions,
} from '@tanstack/virtual-core';
import { useLayoutEffect, useReducer, useState } from 'preact/hooks';

export type ElementVirtualizerOptions<TScroll extends Element, TItem extends Element> = PartialKeys<
  VirtualizerOptions<TScroll, TItem>,
  'observeElementRect' | 'observeElementOffset' | 'scrollToFn'
>;

/** Windowing over a scrollable element: render `getVirtualItems()`, size the inner box to `getTotalSize()`. */
export function useVirtualizer<TScroll extends Element, TItem extends Element>(
  options: ElementVirtualizerOptions<TScroll, TItem>,
): Virtualizer<TScroll, TItem> {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const resolved: VirtualizerOptions<TScroll, TItem> = {
    observeElementRect,
    observeElementOffset,
    scrollToFn: elementScroll,
    ...options,
    onChange: (instance, sync) => {
      rerender(undefined);
      options.onChange?.(instance, sync);
    },
  };
  const [instance] = useState(() => new Virtualizer<TScroll, TItem>(resolved));
  instance.setOptions(resolved);

  useLayoutEffect(() => instance._didMount(), [instance]);
  useLayoutEffect(() => instance._willUpdate());

  return instance;
}
