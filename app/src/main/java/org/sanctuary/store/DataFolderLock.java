package org.sanctuary.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One Sanctuary process per data folder. The operating system drops the lock when the process dies,
 * so a crashed process never leaves the folder locked.
 */
final class DataFolderLock implements AutoCloseable {
  static final String FILE_NAME = "sanctuary.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataFolderLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static DataFolderLock acquire(Path dataDirectory) {
    Path file = dataDirectory.resolve(FILE_NAME);
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return new DataFolderLock(channel, lock);
      }
    } catch (OverlappingFileLockException e) {
      // held by this very process: fall through to the same answer
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StoreException("data: cannot lock " + file + ": " + e.getMessage(), e);
    }
    closeQuietly(channel);
    throw new StoreException(
        "data: \""
            + dataDirectory
            + "\" is in use by another Sanctuary process"
            + " (want one process per data folder)");
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // closing the channel below releases it as well
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // nothing more to release
    }
  }
}
