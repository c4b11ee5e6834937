import { Report as StoredPostureReport, type ReportProps } from '@/components/Report';
import { assess } from '@/utils/assess';

// The popup shows the posture the background stored beside the view; tests render a view directly,
// so they assess it the same way the background does.
export function Report(props: Omit<ReportProps, 'posture'> & { posture?: ReportProps['posture'] }) {
  return <StoredPostureReport {...props} posture={props.posture ?? assess(props.view)} />;
}
