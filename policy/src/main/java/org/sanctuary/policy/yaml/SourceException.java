package org.sanctuary.policy.yaml;

import java.util.List;
import java.util.stream.Collectors;

/** Every error found in a set of data files; thrown only after all of them were read. */
public final class SourceException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<SourceError> errors;

  public SourceException(List<SourceError> errors) {
    super(errors.size() + (errors.size() == 1 ? " error" : " errors") + ":\n"
        + errors.stream().sorted().map(SourceError::toString).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  public List<SourceError> errors() {
    return errors;
  }
}
