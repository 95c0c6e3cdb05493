/** Line icons drawn inline (no icon font, nothing fetched); decorative, hidden from assistive tech. */
export type IconName =
  'models' | 'data' | 'ensemble' | 'run' | 'evaluate' | 'monitor' | 'export' | 'history' | 'logo';

const paths: Record<IconName, string> = {
  models: 'M12 3l8 4.5v9L12 21l-8-4.5v-9L12 3zM4 7.5l8 4.5 8-4.5M12 12v9',
  data: 'M4 5h16v14H4zM4 10h16M4 15h16M10 5v14',
  ensemble: 'M4 4h10v10H4zM10 10h10v10H10z',
  run: 'M7 4l12 8-12 8z',
  evaluate: 'M4 20V10M10 20V4M16 20v-7M2 20h20',
  monitor: 'M3 5h18v14H3zM6 13h3l2-4 2 6 2-2h3',
  export: 'M12 15V3M7 8l5-5 5 5M5 13v7h14v-7',
  history: 'M3 12a9 9 0 1 0 3-6.7M3 4v5h5M12 7v5l3 3',
  logo: 'M6 6h11v11H6zM13 13v-6M7 13h10',
};

export function Icon({ name, size = 18 }: { name: IconName; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={paths[name]} />
    </svg>
  );
}
