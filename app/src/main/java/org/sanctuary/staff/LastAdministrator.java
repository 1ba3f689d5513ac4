package org.sanctuary.staff;

import java.util.List;
import java.util.Optional;
import org.sanctuary.errors.InvalidInput;

/**
 * The rule that keeps the city able to manage its accounts: no change may leave it without an
 * active administrator. Checked with every active administrator's row locked, in the change's own
 * transaction, so two administrators disabling each other at once cannot both succeed.
 */
final class LastAdministrator {
  static final String FIELD = "account";

  private LastAdministrator() {}

  /**
   * The refusal when account {@code id} is the only one of {@code activeAdministrators} (read with
   * {@link AccountStore#lockActiveAdministrators}, before any other row is locked, so two changes
   * lock in one order) and the change would leave it disabled or without the role ({@code
   * staysActiveAdministrator} false); else empty.
   */
  static Optional<InvalidInput> refusal(List<Long> activeAdministrators, long id, String username,
      boolean staysActiveAdministrator) {
    if (staysActiveAdministrator || !activeAdministrators.equals(List.of(id))) {
      return Optional.empty();
    }
    return Optional.of(new InvalidInput(FIELD, "account: " + username + " is the last active administrator;"
        + " nobody could manage accounts after this change (want another active administrator first:"
        + " add one, or enable or promote an existing account)"));
  }
}
