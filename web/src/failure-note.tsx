/** A failed request's message, with a way to try again when the page offers one. */
export function FailureNote(props: {
  readonly message: string | null;
  readonly retry?: () => void;
}) {
  if (props.message === null) return null;
  return (
    <p role="alert" className="failure">
      {props.message}
      {props.retry && (
        <button type="button" onClick={props.retry}>
          Try again
        </button>
      )}
    </p>
  );
}
