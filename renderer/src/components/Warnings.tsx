/** The warnings a job or run came back with, one per line; nothing when there are none. */
export function Warnings({ list }: { list: readonly string[] }) {
  return list.length ? (
    <ul className="warnings">
      {list.map((w, i) => (
        <li key={i} className="warning-text">
          {w}
        </li>
      ))}
    </ul>
  ) : null;
}
