/**
 * JMH benchmarks of the decision engine against hand-written and reference floors.
 */
package org.sanctuary.bench.policy;
