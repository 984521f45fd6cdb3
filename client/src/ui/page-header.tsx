import { type ReactNode, useEffect } from 'react';

/** The page's title (its one h1, also the document title), description and actions. */
export function PageHeader({
  title,
  description,
  eyebrow,
  actions,
  documentTitle,
}: {
  title: ReactNode;
  description?: ReactNode;
  eyebrow?: ReactNode;
  actions?: ReactNode;
  /** Defaults to `title` when it is a string. */
  documentTitle?: string;
}) {
  const tabTitle = documentTitle ?? (typeof title === 'string' ? title : undefined);
  useEffect(() => {
    if (tabTitle) document.title = `${tabTitle} · Maestro`;
  }, [tabTitle]);
  return (
    <header className="page-header">
      <div className="page-header-text">
        {eyebrow ? <div className="page-header-eyebrow">{eyebrow}</div> : null}
        <h1>{title}</h1>
        {description ? <p className="page-header-description">{description}</p> : null}
      </div>
      {actions ? <div className="page-header-actions">{actions}</div> : null}
    </header>
  );
}
