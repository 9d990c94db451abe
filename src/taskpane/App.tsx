import { Body1, Caption1, Title2, makeStyles, tokens } from "@fluentui/react-components";
import { CV_FUNCTION_NAMES } from "./functionNames";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
  },
  header: {
    display: "flex",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
  },
  flush: {
    margin: 0,
  },
  list: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    margin: 0,
    padding: 0,
    listStyleType: "none",
  },
  fn: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  status: {
    color: tokens.colorNeutralForeground3,
  },
});

/** What the page needs to know: which Office host it runs in, if any. */
export interface AppProps {
  /** Office.onReady's host: "Excel" inside Excel, null in a plain browser. */
  host: string | null;
}

/** What the pane shows outside Excel: the functions it brings, and where to try the pane without Excel. */
export function App({ host }: AppProps) {
  const styles = useStyles();
  return (
    <main className={styles.root}>
      <header className={styles.header}>
        <img src="assets/icon-32.png" alt="" width={32} height={32} />
        <Title2 as="h1" className={styles.flush}>
          Customer Value
        </Title2>
      </header>
      <Body1 as="p" className={styles.flush}>
        Inside Excel this pane scores a customer table (value pyramid, scorecard, ABC) with a
        live preview and writes the results back, and the CV.* worksheet functions below are
        available: type =CV. in a cell to see them with their argument help. Without Excel, try
        the pane on a sample table in the <a href="preview.html">preview</a>.
      </Body1>
      <ul className={styles.list} aria-label="Custom functions">
        {CV_FUNCTION_NAMES.map((name) => (
          <li key={name} className={styles.fn}>
            CV.{name}
          </li>
        ))}
      </ul>
      <Caption1 className={styles.status} data-testid="host-status">
        {host ? `Connected to ${host}.` : "Not running inside Excel: open this add-in from Excel to use it."}
      </Caption1>
    </main>
  );
}
