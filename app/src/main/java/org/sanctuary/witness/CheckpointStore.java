package org.sanctuary.witness;

import java.io.IOException;
import java.util.Optional;

/** Where a witness keeps, per log origin, the last checkpoint it cosigned (with its cosignature). */
public interface CheckpointStore {
  Optional<String> latest(String origin) throws IOException;

  /** Must be durable when it returns: the witness answers only after it. */
  void save(String origin, String note) throws IOException;

  /** Keeps a checkpoint the witness refused as inconsistent: evidence that the log misbehaved. */
  default void saveRefused(String origin, String note) throws IOException {}
}
