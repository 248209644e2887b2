/**
 * The deck's position, moving on screen: main sends a state with the position and the wall
 * time it was taken; while playing or recording this hook advances it every animation frame.
 */
import { useEffect, useState } from 'react';
import type { DeckState } from '../../preload/contract';

export function positionAt(state: DeckState, now: number): number {
  if (state.mode === 'recording') return state.position + (now - state.at);
  if (state.mode !== 'playing') return state.position;
  const end = state.loop?.to ?? state.length;
  return Math.min(end, state.position + (now - state.at) * state.speed);
}

export function useDeckPosition(state: DeckState): number {
  const [now, setNow] = useState(() => Date.now());
  const moving = state.mode === 'playing' || state.mode === 'recording';
  useEffect(() => {
    if (!moving) return;
    let frame = requestAnimationFrame(function tick() {
      setNow(Date.now());
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [moving]);
  return positionAt(state, moving ? now : state.at);
}
