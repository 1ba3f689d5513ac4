package org.sanctuary.ledger.merkle;

import java.util.HexFormat;
import java.util.List;

/**
 * The RFC 6962 test tree used by Certificate Transparency and transparency-dev/merkle: eight
 * leaves, the roots of every prefix, and published inclusion and consistency proofs.
 *
 * <p>Every value can be recomputed with Python 3. Define once in a shell:
 *
 * <pre>
 * H='from hashlib import sha256 as s; L=lambda h: s(b"\0"+bytes.fromhex(h)).digest(); N=lambda a,b: s(b"\1"+a+b).digest()'
 * </pre>
 *
 * <p>then run the command in the comment beside a value, e.g.
 * {@code python3 -c "$H; print(N(L(''),L('00')).hex())"}. Below, only the expression inside
 * {@code print(...hex())} is shown.
 */
final class Rfc6962Vectors {
  private Rfc6962Vectors() {}

  static final List<byte[]> LEAVES =
      List.of(
          hex(""),
          hex("00"),
          hex("10"),
          hex("2021"),
          hex("3031"),
          hex("40414243"),
          hex("5051525354555657"),
          hex("606162636465666768696a6b6c6d6e6f"));

  /** python3 -c 'import hashlib; print(hashlib.sha256(b"").hexdigest())' */
  static final Hash EMPTY_ROOT = h("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

  static final List<Hash> LEAF_HASHES =
      List.of(
          h("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"), // L('')
          h("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"), // L('00')
          h("0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7"), // L('10')
          h("07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7"), // L('2021')
          h("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"), // L('3031')
          h("4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658"), // L('40414243')
          h("b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f"), // L('5051525354555657')
          h("46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1")); // L('606162636465666768696a6b6c6d6e6f')

  /** ROOTS.get(n - 1) is the root of the first n leaves. */
  static final List<Hash> ROOTS =
      List.of(
          // L('')
          h("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
          // N(L(''),L('00'))
          h("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"),
          // N(N(L(''),L('00')),L('10'))
          h("aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77"),
          // N(N(L(''),L('00')),N(L('10'),L('2021')))
          h("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
          // N(N(N(L(''),L('00')),N(L('10'),L('2021'))),L('3031'))
          h("4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4"),
          // N(N(N(L(''),L('00')),N(L('10'),L('2021'))),N(L('3031'),L('40414243')))
          h("76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef"),
          // N(N(N(L(''),L('00')),N(L('10'),L('2021'))),N(N(L('3031'),L('40414243')),L('5051525354555657')))
          h("ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c"),
          // N(N(N(L(''),L('00')),N(L('10'),L('2021'))),N(N(L('3031'),L('40414243')),N(L('5051525354555657'),L('606162636465666768696a6b6c6d6e6f'))))
          h("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"));

  // Interior nodes that appear in the published proofs.
  /** N(L('10'),L('2021')): leaves [2, 4). */
  static final Hash NODE_2_4 = h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e");
  /** N(L('3031'),L('40414243')): leaves [4, 6). */
  static final Hash NODE_4_6 = h("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a");
  /** N(L('5051525354555657'),L('606162636465666768696a6b6c6d6e6f')): leaves [6, 8). */
  static final Hash NODE_6_8 = h("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0");
  /** N(N(L('3031'),L('40414243')),N(L('5051525354555657'),L('606162636465666768696a6b6c6d6e6f'))): leaves [4, 8). */
  static final Hash NODE_4_8 = h("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");

  /** Published inclusion proofs (index counted from 0). */
  static final List<InclusionProof> INCLUSION_PROOFS =
      List.of(
          new InclusionProof(0, 1, List.of()),
          new InclusionProof(0, 8, List.of(LEAF_HASHES.get(1), NODE_2_4, NODE_4_8)),
          new InclusionProof(5, 8, List.of(LEAF_HASHES.get(4), NODE_6_8, ROOTS.get(3))),
          new InclusionProof(2, 3, List.of(ROOTS.get(1))),
          new InclusionProof(1, 5, List.of(LEAF_HASHES.get(0), NODE_2_4, LEAF_HASHES.get(4))));

  /** Published consistency proofs. */
  static final List<ConsistencyProof> CONSISTENCY_PROOFS =
      List.of(
          new ConsistencyProof(1, 1, List.of()),
          new ConsistencyProof(1, 8, List.of(LEAF_HASHES.get(1), NODE_2_4, NODE_4_8)),
          new ConsistencyProof(6, 8, List.of(NODE_4_6, NODE_6_8, ROOTS.get(3))),
          new ConsistencyProof(2, 5, List.of(NODE_2_4, LEAF_HASHES.get(4))),
          new ConsistencyProof(6, 7, List.of(NODE_4_6, LEAF_HASHES.get(6), ROOTS.get(3))));

  static Hash root(long size) {
    return size == 0 ? EMPTY_ROOT : ROOTS.get((int) size - 1);
  }

  static MemoryTree tree() {
    MemoryTree tree = new MemoryTree();
    LEAVES.forEach(tree::append);
    return tree;
  }

  static Hash h(String hex) {
    return Hash.fromHex(hex);
  }

  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  /** A copy of {@code hash} with one bit flipped. */
  static Hash flipBit(Hash hash, int bit) {
    byte[] bytes = hash.bytes();
    bytes[bit / 8] ^= (byte) (1 << (bit % 8));
    return Hash.of(bytes);
  }
}
