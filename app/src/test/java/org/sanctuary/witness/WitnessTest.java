package org.sanctuary.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sanctuary.ledger.merkle.Hash;
import org.sanctuary.ledger.merkle.MemoryTree;
import org.sanctuary.ledger.note.Checkpoint;
import org.sanctuary.ledger.note.Cosigner;
import org.sanctuary.ledger.note.CosignatureVerifier;
import org.sanctuary.ledger.note.InvalidNoteException;
import org.sanctuary.ledger.note.SignedNote;
import org.sanctuary.ledger.note.Signer;
import org.sanctuary.ledger.note.Verifier;

/** The witness's add-checkpoint rules (C2SP tlog-witness), one status code at a time. */
class WitnessTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
  private static final Signer LOG = Signer.generate("city.example/ledger");
  private static final Cosigner KEY = Cosigner.generate("legalaid.example/witness");

  private final MemoryStore store = new MemoryStore();
  private final Witness witness = new Witness(KEY, List.of(LOG.verifier()), store, CLOCK);
  private final MemoryTree tree = tree("a", 100);

  /** In memory, for these tests; the file store has its own. */
  static class MemoryStore implements CheckpointStore {
    final Map<String, String> latest = new HashMap<>();
    final Map<String, String> refused = new HashMap<>();

    @Override
    public Optional<String> latest(String origin) {
      return Optional.ofNullable(latest.get(origin));
    }

    @Override
    public void save(String origin, String note) throws IOException {
      latest.put(origin, note);
    }

    @Override
    public void saveRefused(String origin, String note) {
      refused.put(origin, note);
    }
  }

  static MemoryTree tree(String prefix, int size) {
    MemoryTree tree = new MemoryTree();
    for (int i = 0; i < size; i++) tree.append((prefix + i).getBytes());
    return tree;
  }

  private static String note(Signer signer, MemoryTree tree, long size) {
    return new Checkpoint(signer.name(), size, tree.root(size)).sign(signer).encoded();
  }

  private static String request(long old, List<Hash> proof, String note) {
    StringBuilder body = new StringBuilder("old " + old + "\n");
    proof.forEach(h -> body.append(h.base64()).append('\n'));
    return body.append('\n').append(note).toString();
  }

  private Witness.Answer add(long old, long size) {
    List<Hash> proof = old == 0 ? List.of() : tree.consistencyProof(old, size).path();
    return witness.addCheckpoint(request(old, proof, note(LOG, tree, size)));
  }

  @Test
  void addCheckpoint_firstThenConsistent_cosignsEachWithATimestampedLine() throws InvalidNoteException {
    Witness.Answer first = add(0, 40);
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.body()).startsWith("\u2014 legalaid.example/witness ").endsWith("\n");
    SignedNote cosigned = SignedNote.parse(note(LOG, tree, 40) + first.body());
    assertThat(KEY.verifier().verify(cosigned)).hasValue(CLOCK.instant().getEpochSecond());

    Witness.Answer second = add(40, 100);
    assertThat(second.status()).as(second.body()).isEqualTo(200);
    // what it keeps is the log's signature and its own cosignature of the newest checkpoint
    SignedNote kept = SignedNote.parse(store.latest.get("city.example/ledger"));
    assertThat(Checkpoint.parse(kept.text()).size()).isEqualTo(100);
    assertThat(kept.signatures()).hasSize(2);
    assertThat(kept.verify(LOG.verifier())).isEqualTo(kept.text());
    assertThat(KEY.verifier().verify(kept)).isPresent();
  }

  @Test
  void addCheckpoint_oldSizeNotTheLastCosigned_is409WithTheSize() {
    assertThat(add(0, 40).status()).isEqualTo(200);
    Witness.Answer stale = add(20, 100);
    assertThat(stale).isEqualTo(new Witness.Answer(409, "text/x.tlog.size", "40\n"));
    assertThat(add(0, 100).body()).isEqualTo("40\n");
  }

  @Test
  void addCheckpoint_forkOfTheSameSize_is422AndKeptAsEvidence() {
    assertThat(add(0, 100).status()).isEqualTo(200);
    String before = store.latest.get("city.example/ledger");
    String fork = note(LOG, tree("b", 100), 100);
    Witness.Answer refused = witness.addCheckpoint(request(100, List.of(), fork));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body()).contains("not consistent with the checkpoint cosigned at size 100")
        .contains("trees of equal size 100 have different roots");
    assertThat(store.latest.get("city.example/ledger")).isEqualTo(before);
    assertThat(store.refused.get("city.example/ledger")).isEqualTo(fork);
  }

  @Test
  void addCheckpoint_largerForkWithItsOwnProof_is422() {
    assertThat(add(0, 40).status()).isEqualTo(200);
    MemoryTree fork = tree("b", 100);
    Witness.Answer refused = witness.addCheckpoint(request(40, fork.consistencyProof(40, 100).path(), note(LOG, fork, 100)));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body()).contains("consistency proof leads to old root");
    // the honest next checkpoint is still cosigned
    assertThat(add(40, 100).status()).isEqualTo(200);
  }

  @Test
  void addCheckpoint_proofWithOldSizeZero_is422() {
    Witness.Answer answer = witness.addCheckpoint(request(0, List.of(tree.root(3)), note(LOG, tree, 10)));
    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.body()).contains("old size 0 needs an empty consistency proof");
  }

  @Test
  void addCheckpoint_emptyTreeWithAnotherRoot_is422() {
    String bad = new Checkpoint(LOG.name(), 0, tree.root()).sign(LOG).encoded();
    assertThat(witness.addCheckpoint(request(0, List.of(), bad)).status()).isEqualTo(422);
    String empty = new Checkpoint(LOG.name(), 0, new MemoryTree().root()).sign(LOG).encoded();
    assertThat(witness.addCheckpoint(request(0, List.of(), empty)).status()).isEqualTo(200);
  }

  @Test
  void addCheckpoint_unknownOrigin_is404() {
    Signer other = Signer.generate("town.example/log");
    Witness.Answer answer = witness.addCheckpoint(request(0, List.of(), note(other, tree, 5)));
    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.body()).contains("town.example/log");
  }

  @Test
  void addCheckpoint_signedByAnotherKeyOfTheSameName_is403() {
    Signer impostor = Signer.generate("city.example/ledger");
    Witness.Answer answer = witness.addCheckpoint(request(0, List.of(), note(impostor, tree, 5)));
    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.body()).contains("no signature by a key this witness trusts");
  }

  @Test
  void addCheckpoint_logSignatureThatFails_is403() {
    String good = note(LOG, tree, 5);
    String broken = good.replace("\n5\n", "\n6\n"); // the signature no longer covers the text
    Witness.Answer answer = witness.addCheckpoint(request(0, List.of(), broken));
    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.body()).contains("does not verify");
  }

  @Test
  void addCheckpoint_malformedOrOldAboveSize_is400() {
    assertThat(witness.addCheckpoint("hello").status()).isEqualTo(400);
    assertThat(witness.addCheckpoint("old 01\n\n" + note(LOG, tree, 5)).body()).contains("old size \"01\"");
    assertThat(witness.addCheckpoint("old 1\nnot base64\n\n" + note(LOG, tree, 5)).body())
        .contains("consistency proof line 1");
    Witness.Answer above = add(0, 5);
    assertThat(above.status()).isEqualTo(200);
    Witness.Answer answer = witness.addCheckpoint(request(9, List.of(), note(LOG, tree, 5)));
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).contains("old size 9 is larger than the checkpoint's size 5");
  }

  @Test
  void addCheckpoint_extraSignaturesInTheRequest_areNotKept() throws InvalidNoteException {
    Cosigner stranger = Cosigner.generate("someone.example/w");
    Checkpoint cp = new Checkpoint(LOG.name(), 10, tree.root(10));
    String note = cp.sign(LOG).withSignatures(List.of(stranger.cosign(cp, 7).line())).encoded();
    assertThat(witness.addCheckpoint(request(0, List.of(), note)).status()).isEqualTo(200);
    SignedNote kept = SignedNote.parse(store.latest.get("city.example/ledger"));
    assertThat(kept.signatures()).extracting(s -> s.keyName()).containsExactly("city.example/ledger", "legalaid.example/witness");
  }

  @Test
  void addCheckpoint_storeFails_is500AndNothingIsCosigned() {
    Witness failing = new Witness(KEY, List.of(LOG.verifier()), new MemoryStore() {
      @Override
      public void save(String origin, String note) throws IOException {
        throw new IOException("disk full");
      }
    }, CLOCK);
    Witness.Answer answer = failing.addCheckpoint(request(0, List.of(), note(LOG, tree, 5)));
    assertThat(answer.status()).isEqualTo(500);
    assertThat(answer.body()).contains("nothing was cosigned").doesNotContain("\u2014");
    // and it did not take the unsaved checkpoint as its state
    assertThat(failing.addCheckpoint(request(5, List.of(), note(LOG, tree, 5))).status()).isEqualTo(409);
  }

  @Test
  void parse_specExampleRequest_readsOldSizeProofAndCheckpoint() {
    // c2sp.org/tlog-witness, "add-checkpoint": the example request body.
    String body = "old 20852014\n"
        + "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\n"
        + "jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=\n"
        + "5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=\n"
        + "/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=\n"
        + "\n"
        + "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n"
        + "\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n";
    AddCheckpointRequest request = AddCheckpointRequest.parse(body);
    assertThat(request.oldSize()).isEqualTo(20_852_014L);
    assertThat(request.proof()).hasSize(4);
    assertThat(request.checkpoint()).startsWith("example.com/behind-the-sofa\n20852163\n");
    assertThat(new String(request.encode(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(body);
  }

  @Test
  void verifierKey_ofTheWitness_isAType4Vkey() {
    String vkey = KEY.verifier().encoded();
    assertThat(vkey).startsWith("legalaid.example/witness+");
    assertThat(java.util.Base64.getDecoder().decode(vkey.split("[+]", 3)[2])[0]).isEqualTo((byte) 4);
    assertThat(CosignatureVerifier.parse(vkey)).isEqualTo(KEY.verifier());
  }

  @Test
  void logKeys_listsWhatItFollows() {
    assertThat(witness.logs()).containsOnlyKeys("city.example/ledger");
    assertThat(new ArrayList<Verifier>(witness.logs().get("city.example/ledger"))).containsExactly(LOG.verifier());
  }
}
