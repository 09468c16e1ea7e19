package io.routemill.archiver.parquet;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.values.RequiresFallback;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.factory.DefaultValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.column.values.fallback.FallbackValuesWriter;
import org.apache.parquet.io.api.Binary;

/**
 * parquet-column's {@link FallbackValuesWriter} (dictionary encoding, falling back to plain when the dictionary
 * grows past its page size) with the dictionary-size check made every {@link #CHECK_EVERY} values instead of after
 * every value: that check (an interface call per value into one of several dictionary writer classes) was a fifth
 * of the Parquet writer's time. The dictionary may pass its limit by at most {@code CHECK_EVERY - 1} values
 * (values longer than {@link #LONG_VALUE} bytes are checked at once) before the column falls back; everything else
 * (page decisions, the first-page compression test, dictionary pages) is {@link FallbackValuesWriter}'s logic.
 */
final class BatchedFallbackValuesWriter extends ValuesWriter {
  static final int CHECK_EVERY = 64;
  static final int LONG_VALUE = 256;

  private final ValuesWriter initialWriter;
  private final RequiresFallback initial;
  private final ValuesWriter fallBackWriter;
  private ValuesWriter currentWriter;
  private boolean fellBackAlready;
  private boolean initialUsedAndHadDictionary;
  private long rawDataByteSize;
  private boolean firstPage = true;
  private int countdown = CHECK_EVERY;

  private BatchedFallbackValuesWriter(ValuesWriter initialWriter, ValuesWriter fallBackWriter) {
    this.initialWriter = initialWriter;
    this.initial = (RequiresFallback) initialWriter;
    this.fallBackWriter = fallBackWriter;
    this.currentWriter = initialWriter;
  }

  /** The default writers, with {@link FallbackValuesWriter}s replaced by this class. */
  static ValuesWriterFactory factory() {
    return new ValuesWriterFactory() {
      private final DefaultValuesWriterFactory defaults = new DefaultValuesWriterFactory();

      @Override
      public void initialize(ParquetProperties properties) {
        defaults.initialize(properties);
      }

      @Override
      public ValuesWriter newValuesWriter(ColumnDescriptor descriptor) {
        ValuesWriter w = defaults.newValuesWriter(descriptor);
        if (w instanceof FallbackValuesWriter<?, ?> f) return new BatchedFallbackValuesWriter(f.initialWriter, f.fallBackWriter);
        return w;
      }
    };
  }

  @Override
  public long getBufferedSize() {
    return rawDataByteSize;
  }

  @Override
  public BytesInput getBytes() {
    if (!fellBackAlready) checkFallback(); // values written since the last check
    if (!fellBackAlready && firstPage) {
      // the first page decides whether the dictionary is worth it
      BytesInput bytes = initialWriter.getBytes();
      if (!initial.isCompressionSatisfying(rawDataByteSize, bytes.size())) {
        fallBack();
      } else {
        return bytes;
      }
    }
    return currentWriter.getBytes();
  }

  @Override
  public Encoding getEncoding() {
    Encoding encoding = currentWriter.getEncoding();
    if (!fellBackAlready && !initialUsedAndHadDictionary) initialUsedAndHadDictionary = encoding.usesDictionary();
    return encoding;
  }

  @Override
  public void reset() {
    rawDataByteSize = 0;
    firstPage = false;
    currentWriter.reset();
    if (currentWriter != initialWriter) initialWriter.reset();
  }

  @Override
  public void close() {
    initialWriter.close();
    fallBackWriter.close();
  }

  @Override
  public DictionaryPage toDictPageAndClose() {
    return initialUsedAndHadDictionary ? initialWriter.toDictPageAndClose() : currentWriter.toDictPageAndClose();
  }

  @Override
  public void resetDictionary() {
    currentWriter.resetDictionary();
    if (currentWriter != initialWriter) initialWriter.resetDictionary();
    currentWriter = initialWriter;
    fellBackAlready = false;
    initialUsedAndHadDictionary = false;
    firstPage = true;
    countdown = CHECK_EVERY;
  }

  @Override
  public long getAllocatedSize() {
    return currentWriter.getAllocatedSize();
  }

  @Override
  public String memUsageString(String prefix) {
    return String.format("%s BatchedFallbackValuesWriter{%n%s%n%s%n%s}%n", prefix,
        initialWriter.memUsageString(prefix + " initial:"), fallBackWriter.memUsageString(prefix + " fallback:"),
        prefix);
  }

  private void checkFallback() {
    countdown = CHECK_EVERY;
    if (!fellBackAlready && initial.shouldFallBack()) fallBack();
  }

  private void fallBack() {
    fellBackAlready = true;
    initial.fallBackAllValuesTo(fallBackWriter);
    currentWriter = fallBackWriter;
  }

  @Override
  public void writeByte(int value) {
    rawDataByteSize += 1;
    currentWriter.writeByte(value);
    if (--countdown == 0) checkFallback();
  }

  @Override
  public void writeBytes(Binary v) {
    int length = v.length();
    rawDataByteSize += length + 4;
    currentWriter.writeBytes(v);
    if (--countdown == 0 || length > LONG_VALUE) checkFallback();
  }

  @Override
  public void writeInteger(int v) {
    rawDataByteSize += 4;
    currentWriter.writeInteger(v);
    if (--countdown == 0) checkFallback();
  }

  @Override
  public void writeLong(long v) {
    rawDataByteSize += 8;
    currentWriter.writeLong(v);
    if (--countdown == 0) checkFallback();
  }

  @Override
  public void writeFloat(float v) {
    rawDataByteSize += 4;
    currentWriter.writeFloat(v);
    if (--countdown == 0) checkFallback();
  }

  @Override
  public void writeDouble(double v) {
    rawDataByteSize += 8;
    currentWriter.writeDouble(v);
    if (--countdown == 0) checkFallback();
  }
}
