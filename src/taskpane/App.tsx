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

/** What the placeholder pane needs to know: whether it is running inside Excel. */
export interface AppProps {
  /** Office.onReady's host: "Excel" inside Excel, null in a plain browser. */
  host: string | null;
}

/** Placeholder task pane: the analysis pane replaces it in the next issue. */
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
        The CV.* worksheet functions are available in this workbook: type =CV. in a cell to see
        them with their argument help. The analysis pane (value pyramid, scorecard, RFM,
        lifecycle and lifetime value, applied to a customer table) comes next.
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
