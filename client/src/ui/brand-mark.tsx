/** The Maestro mark: a baton's stroke on the brand gradient. */
export function BrandMark({ size = 16 }: { size?: number }) {
  return (
    <span className="sidebar-logo" aria-hidden="true">
      <svg
        width={size}
        height={size}
        viewBox="0 0 24 24"
        fill="none"
        stroke="var(--text-inverse)"
        strokeWidth="2.2"
        aria-hidden="true"
      >
        <path d="M4 18c3-9 5-12 8-12s3 6 8 0" strokeLinecap="round" />
      </svg>
    </span>
  );
}
