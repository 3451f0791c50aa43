using System.Text;

namespace ShuangSuiJi.Storage.Protection;

/// <summary>Generated secrets kept in the data folder (development keys): created once, never seen half-written.</summary>
public static class SecretFiles
{
    /// <summary>
    /// The text of <paramref name="path"/>, creating it from <paramref name="content"/> when it does not exist. A
    /// creator holds an exclusive lock on <c>path.lock</c> (an advisory file lock, so one process at a time), writes
    /// the file under a temporary name (readable by its owner only) and renames it into place. So processes starting
    /// at the same moment (the hub and <c>ssj</c>, two hub instances) agree on one file, and nobody reads an empty or
    /// partial one.
    /// </summary>
    /// <param name="created">Whether this call created the file.</param>
    /// <exception cref="IOException">Another process held the lock for longer than <see cref="LockWait"/>.</exception>
    public static string ReadOrCreate(string path, Func<string> content, out bool created)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(content);
        path = Path.GetFullPath(path);
        created = false;
        if (File.Exists(path))
        {
            return File.ReadAllText(path); // only ever renamed into place whole
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!); // a full path always has a folder
        using (Lock(path + ".lock"))
        {
            if (!File.Exists(path))
            {
                var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                try
                {
                    using (var writer = new StreamWriter(temporary, Encoding.ASCII, options))
                    {
                        writer.Write(content());
                    }

                    File.Move(temporary, path);
                    created = true;
                }
                finally
                {
                    File.Delete(temporary); // no error when it was moved away
                }
            }
        }

        return File.ReadAllText(path);
    }

    /// <summary>How long a creator waits for another process's lock before giving up.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);

    private static FileStream Lock(string lockPath)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive advisory lock (flock on Unix): held until disposed, or the process ends.
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < LockWait)
            {
                Thread.Sleep(20);
            }
        }
    }
}
