package org.sanctuary.ledger.witnessing;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.sanctuary.config.ConfigException;
import org.sanctuary.ledger.note.CosignatureVerifier;

/**
 * The witnesses a log asks to cosign its checkpoints, and how many must have cosigned one before
 * it is published as the log's checkpoint (e.g. 2 of 3). With no witnesses, the latest signed
 * checkpoint is published as it is.
 */
public record WitnessPolicy(List<Witness> witnesses, int quorum) {
  /** One witness: where to send add-checkpoint requests, and its cosignature key. */
  public record Witness(URI url, CosignatureVerifier key) {
    public Witness {
      Objects.requireNonNull(url, "witness url");
      Objects.requireNonNull(key, "witness key");
    }

    /** {@code <url>/add-checkpoint}. */
    public URI addCheckpoint() {
      String base = url.toString();
      return URI.create((base.endsWith("/") ? base : base + "/") + "add-checkpoint");
    }

    /** Parses {@code URL=VKEY}, e.g. {@code http://127.0.0.1:7380=legalaid.example/witness+1a2b3c4d+BF...}. */
    public static Witness parse(String text) {
      String want = "URL=VKEY, e.g. http://127.0.0.1:7380=legalaid.example/witness+1a2b3c4d+BAOh...";
      int split = text == null ? -1 : text.lastIndexOf('=');
      if (split <= 0) {
        throw new ConfigException("witness", text, "has no '=' between the URL and the key", want);
      }
      URI url;
      try {
        url = URI.create(text.substring(0, split));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("witness", text, "has an invalid URL", want);
      }
      if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
        throw new ConfigException("witness", text, "has no http(s) URL with a host", want);
      }
      try {
        return new Witness(url, CosignatureVerifier.parse(text.substring(split + 1)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("witness", text, "has an invalid witness key (" + e.getMessage() + ")", want);
      }
    }
  }

  public WitnessPolicy {
    witnesses = List.copyOf(Objects.requireNonNull(witnesses, "witnesses"));
    Set<String> keys = new HashSet<>();
    for (Witness w : witnesses) {
      if (!keys.add(w.key().encoded())) {
        throw new ConfigException("witness", w.key().encoded(), "is given twice", "each witness once");
      }
    }
    if (witnesses.isEmpty() ? quorum != 0 : quorum < 1 || quorum > witnesses.size()) {
      throw new ConfigException("witness-quorum", String.valueOf(quorum), "is out of range",
          witnesses.isEmpty() ? "no quorum without witnesses" : "1 to " + witnesses.size());
    }
  }

  /** No witnesses: checkpoints are published as the log signed them. */
  public static WitnessPolicy none() {
    return new WitnessPolicy(List.of(), 0);
  }

  /**
   * From the command line: {@code URL=VKEY} values and a quorum, null meaning all of them (fail
   * closed: a checkpoint is published only once every configured witness has cosigned it).
   */
  public static WitnessPolicy parse(List<String> witnesses, String quorum) {
    List<Witness> parsed = witnesses.stream().map(Witness::parse).toList();
    int q = parsed.size();
    if (quorum != null) {
      try {
        q = Integer.parseInt(quorum.strip());
      } catch (NumberFormatException e) {
        throw new ConfigException("witness-quorum", quorum, "is not a whole number", "1 to " + parsed.size());
      }
    }
    return new WitnessPolicy(parsed, q);
  }

  public boolean enabled() {
    return !witnesses.isEmpty();
  }

  /** The witness keys' text, as stored with their cosignatures. */
  public List<String> keys() {
    return witnesses.stream().map(w -> w.key().encoded()).toList();
  }
}
