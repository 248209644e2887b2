/**
 * A module's faceplate: the panel SVG as its background, with jacks, knobs, switches and lights
 * placed at their catalog positions (mm from the panel's top-left). The node carries only
 * {moduleId, type}; each control reads its own value from the store, so turning a knob
 * re-renders that knob and nothing else.
 */
import { useStore, type Node, type NodeProps, type ReactFlowState } from '@xyflow/react';
import { memo, useCallback, useId, useRef, useState } from 'react';
import { DescribePopover } from './DescribePopover';
import type { CatalogEntry } from '../../main/patch/catalog';
import { useRack } from '../store/rackStore';
import { BITMAP_PX_PER_MM, useFaceplateUrl } from './faceplate-images';
import { mmToPx, moduleSize, PX_PER_MM } from './geometry';
import { Jack } from './Jack';
import { Knob } from './Knob';
import { Light } from './Light';
import { moduleName } from '../../main/synth/topology';
import { moduleIndex } from './patch-index';
import { Switch } from './Switch';
import { useModuleDescribe } from '../sim/useModuleDescribe'; // status on hover
import { RackBadge } from '../hardware/RackBadge'; // a physical module's case and link
import { FollowBadge } from '../cluster/FollowBadge'; // follow mode could not apply its object

export interface ModuleNodeData extends Record<string, unknown> {
  moduleId: string;
  type: string;
}

export type ModuleFlowNode = Node<ModuleNodeData, 'module'>;

/** Width shown for a module whose type the catalog lacks (a patch from a newer catalog). */
export const UNKNOWN_HP = 8;

/** True when the screen shows more pixels per mm than the faceplate bitmap has. */
const zoomedIn = (s: ReactFlowState) => s.transform[2] * (globalThis.devicePixelRatio || 1) * PX_PER_MM > BITMAP_PX_PER_MM;

export const ModuleNode = memo(function ModuleNode({ data, selected }: NodeProps<ModuleFlowNode>) {
  const def = useRack((s) => s.catalog.get(data.type));
  const { moduleId } = data;
  if (!def) {
    const size = moduleSize(UNKNOWN_HP);
    return (
      <div className={'module unknown' + (selected ? ' selected' : '')} data-testid={`module-${moduleId}`} style={size}>
        <div className="unknown-text">
          Unknown module
          <br />
          <b>{data.type}</b>
        </div>
      </div>
    );
  }
  return <Faceplate moduleId={moduleId} def={def} selected={selected} />;
});

const Faceplate = memo(function Faceplate({
  moduleId,
  def,
  selected,
}: {
  moduleId: string;
  def: CatalogEntry;
  selected: boolean;
}) {
  const sharp = useStore(zoomedIn);
  const url = useFaceplateUrl(def, sharp);
  const hover = useModuleDescribe(moduleId); // `kubectl describe` as the faceplate's title
  return (
    <div
      title={hover.title}
      onPointerEnter={hover.onPointerEnter}
      className={'module' + (selected ? ' selected' : '')}
      data-testid={`module-${moduleId}`}
      data-type={def.type}
      style={{ ...moduleSize(def.hp), ['--accent' as string]: def.accent }}
      aria-label={`${def.name} ${moduleId}`}
    >
      <img className="panel" src={url} alt="" draggable={false} />
      <NamePlate moduleId={moduleId} />
      <RackBadge moduleId={moduleId} />
      <FollowBadge moduleId={moduleId} />
      {def.lights.map((l) => (
        <Light key={l.id} moduleId={moduleId} def={l} />
      ))}
      {def.params.map((p) =>
        p.kind === 'knob' ? <Knob key={p.id} moduleId={moduleId} def={p} /> : <Switch key={p.id} moduleId={moduleId} def={p} />,
      )}
      {def.jacks.map((j) => (
        <Jack key={j.id} moduleId={moduleId} def={j} />
      ))}
    </div>
  );
});

/**
 * The instance's name (a Pod's `name`, else its id) on a label strip near the bottom of the
 * panel: between the k8s-synth mark (ends at 116.6 mm) and the lower mounting holes (123.9 mm).
 * It is a button: pressed, it opens the module's description (DescribePopover), which a touch
 * screen cannot show as a hover tooltip.
 */
const NAMEPLATE_STYLE = {
  top: mmToPx(117.3),
  height: mmToPx(4.4),
  lineHeight: `${mmToPx(4.4)}px`,
  left: mmToPx(1.4),
  right: mmToPx(1.4),
  fontSize: mmToPx(2.8),
  ['--plate' as string]: `${mmToPx(4.4)}px`,
};

const NamePlate = memo(function NamePlate({ moduleId }: { moduleId: string }) {
  const name = useRack((s) => {
    const m = moduleIndex(s.patch.modules).get(moduleId);
    return m ? moduleName(m) : '';
  });
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => setOpen(false), []);
  const popover = `describe-${useId()}`;
  return (
    <>
      <button
        ref={ref}
        type="button"
        className="nameplate nokey"
        title={name}
        style={NAMEPLATE_STYLE}
        aria-label={`${name}: describe`}
        aria-haspopup="dialog"
        aria-expanded={open}
        {...(open ? { 'aria-controls': popover } : {})}
        data-testid={`nameplate-${moduleId}`}
        onClick={() => setOpen((o) => !o)}
        onDoubleClick={(e) => e.stopPropagation()}
      >
        {name}
      </button>
      {open && <DescribePopover id={popover} moduleId={moduleId} name={name} anchor={ref} onClose={close} />}
    </>
  );
});
