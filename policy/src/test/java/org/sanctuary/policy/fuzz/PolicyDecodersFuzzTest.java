package org.sanctuary.policy.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.sanctuary.policy.FederalRequest;
import org.sanctuary.policy.InputException;
import org.sanctuary.policy.json.InputRules;
import org.sanctuary.policy.json.RequestJson;
import org.sanctuary.policy.json.RequestStream;
import org.sanctuary.policy.pack.CompiledPack;
import org.sanctuary.policy.pack.PackLoader;
import org.sanctuary.policy.yaml.SourceException;

/**
 * Fuzz targets for the policy module's decoders of outside input: a decision request in JSON and a
 * policy pack in YAML. Inputs are raw bytes read as UTF-8, as a request body or a file would be, so
 * seeds are plain files. The contract: a decoder returns a value or refuses with its own error
 * ({@link InputException}, {@link SourceException} with at least one error); any other exception
 * escapes and is a finding. Under surefire these replay the seeds in
 * {@code PolicyDecodersFuzzTestInputs/<method>/}; with {@code JAZZER_FUZZ=1} they fuzz (see
 * docs/threat-model.md).
 */
class PolicyDecodersFuzzTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @FuzzTest
  void requestJson_anyText_parsesOrRefusesWithField(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    // the command line and batch path: one object, an array, or one object per line
    try {
      RequestStream.Batch batch = RequestStream.read(text);
      for (FederalRequest r : batch.requests()) {
        if (r == null) throw new AssertionError("a batch holds a null request for " + text);
      }
    } catch (InputException e) {
      refusal(e);
    }
    // the HTTP path: the tree is screened by InputRules, then decoded
    JsonNode tree;
    try {
      tree = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return; // malformed JSON is refused by the HTTP layer before the decoder sees it
    }
    try {
      InputRules.checkTree(tree);
      FederalRequest r = RequestJson.parse(tree);
      if (r == null) throw new AssertionError("parse returned null for " + text);
    } catch (InputException e) {
      refusal(e);
    }
  }

  @FuzzTest
  void packYaml_anyText_loadsOrListsErrors(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    try {
      List<CompiledPack> packs = PackLoader.load(Map.of("packs/fuzz-pack.yaml", text));
      if (packs.size() != 1) throw new AssertionError("one file gave " + packs.size() + " packs");
    } catch (SourceException e) {
      if (e.errors().isEmpty()) throw new AssertionError("a refusal without errors", e);
    }
  }

  private static void refusal(InputException e) {
    // the field may be "" when the offending JSON name is itself empty; it may not be missing
    if (e.field() == null || e.getMessage() == null || e.getMessage().isBlank()) {
      throw new AssertionError("a refusal must name the field and say what is wrong", e);
    }
  }
}
