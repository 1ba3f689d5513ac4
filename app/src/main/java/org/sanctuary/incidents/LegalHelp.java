package org.sanctuary.incidents;

import org.sanctuary.incidents.model.DataFiles;
import java.util.List;

/** Where to find free legal help, shown after a report is filed ({@code incidents/legal-help.tsv}). */
public final class LegalHelp {
  /** One organisation: name, phone and web address. */
  public record Contact(String name, String phone, String url) {}

  private static final List<Contact> CONTACTS =
      DataFiles.rows("legal-help.tsv").stream().map(r -> new Contact(r[0], r[1], r[2])).toList();

  private LegalHelp() {}

  public static List<Contact> contacts() {
    return CONTACTS;
  }
}
