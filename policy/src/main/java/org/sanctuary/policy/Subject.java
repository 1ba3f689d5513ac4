package org.sanctuary.policy;

/** The four facts about the person that the 2012 Chicago carve-outs turned on. Omitted means false. */
public record Subject(
    boolean outstandingCriminalWarrant,
    boolean felonyConviction,
    boolean pendingFelonyCharge,
    boolean gangDatabase) {

  public static final Subject NONE = new Subject(false, false, false, false);

  /** The field names, in bit order, as they appear in requests and rule conditions. */
  public static final java.util.List<String> FIELDS =
      java.util.List.of("outstandingCriminalWarrant", "felonyConviction", "pendingFelonyCharge", "gangDatabase");

  /** A compact index of the four facts, 0 to 15. */
  public int bits() {
    return (outstandingCriminalWarrant ? 1 : 0)
        | (felonyConviction ? 2 : 0)
        | (pendingFelonyCharge ? 4 : 0)
        | (gangDatabase ? 8 : 0);
  }

  public static Subject ofBits(int bits) {
    return new Subject((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0);
  }
}
